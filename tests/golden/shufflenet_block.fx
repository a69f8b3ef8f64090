ShuffleNetV2(
  (conv1): Module(
    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (maxpool): MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)
  (stage2): Module(
    (0): Module(
      (branch1): Module(
        (0): Conv2d(16, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=16, bias=False)
        (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (3): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (4): ReLU(inplace=True)
      )
      (branch2): Module(
        (0): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(16, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=16, bias=False)
        (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (6): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (7): ReLU(inplace=True)
      )
    )
    (1): Module(
      (branch2): Module(
        (0): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=16, bias=False)
        (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (6): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (7): ReLU(inplace=True)
      )
    )
  )
  (stage3): Module(
    (0): Module(
      (branch1): Module(
        (0): Conv2d(32, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=32, bias=False)
        (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (3): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (4): ReLU(inplace=True)
      )
      (branch2): Module(
        (0): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(32, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=32, bias=False)
        (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (6): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (7): ReLU(inplace=True)
      )
    )
    (1): Module(
      (branch2): Module(
        (0): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (2): ReLU(inplace=True)
        (3): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=32, bias=False)
        (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (5): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
        (6): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
        (7): ReLU(inplace=True)
      )
    )
  )
  (conv5): Module(
    (0): Conv2d(64, 128, kernel_size=(1, 1), stride=(1, 1), bias=False)
    (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (fc): Linear(in_features=128, out_features=10, bias=True)
)



def forward(self, x):
    conv1_0 = getattr(self.conv1, "0")(x);  x = None
    conv1_1 = getattr(self.conv1, "1")(conv1_0);  conv1_0 = None
    conv1_2 = getattr(self.conv1, "2")(conv1_1);  conv1_1 = None
    maxpool = self.maxpool(conv1_2);  conv1_2 = None
    stage2_0_branch1_0 = getattr(getattr(self.stage2, "0").branch1, "0")(maxpool)
    stage2_0_branch1_1 = getattr(getattr(self.stage2, "0").branch1, "1")(stage2_0_branch1_0);  stage2_0_branch1_0 = None
    stage2_0_branch1_2 = getattr(getattr(self.stage2, "0").branch1, "2")(stage2_0_branch1_1);  stage2_0_branch1_1 = None
    stage2_0_branch1_3 = getattr(getattr(self.stage2, "0").branch1, "3")(stage2_0_branch1_2);  stage2_0_branch1_2 = None
    stage2_0_branch1_4 = getattr(getattr(self.stage2, "0").branch1, "4")(stage2_0_branch1_3);  stage2_0_branch1_3 = None
    stage2_0_branch2_0 = getattr(getattr(self.stage2, "0").branch2, "0")(maxpool);  maxpool = None
    stage2_0_branch2_1 = getattr(getattr(self.stage2, "0").branch2, "1")(stage2_0_branch2_0);  stage2_0_branch2_0 = None
    stage2_0_branch2_2 = getattr(getattr(self.stage2, "0").branch2, "2")(stage2_0_branch2_1);  stage2_0_branch2_1 = None
    stage2_0_branch2_3 = getattr(getattr(self.stage2, "0").branch2, "3")(stage2_0_branch2_2);  stage2_0_branch2_2 = None
    stage2_0_branch2_4 = getattr(getattr(self.stage2, "0").branch2, "4")(stage2_0_branch2_3);  stage2_0_branch2_3 = None
    stage2_0_branch2_5 = getattr(getattr(self.stage2, "0").branch2, "5")(stage2_0_branch2_4);  stage2_0_branch2_4 = None
    stage2_0_branch2_6 = getattr(getattr(self.stage2, "0").branch2, "6")(stage2_0_branch2_5);  stage2_0_branch2_5 = None
    stage2_0_branch2_7 = getattr(getattr(self.stage2, "0").branch2, "7")(stage2_0_branch2_6);  stage2_0_branch2_6 = None
    cat = torch.cat((stage2_0_branch1_4, stage2_0_branch2_7), dim = 1);  stage2_0_branch1_4 = stage2_0_branch2_7 = None
    size = cat.size()
    getitem = size[0]
    getitem_1 = size[1]
    getitem_2 = size[2]
    getitem_3 = size[3];  size = None
    floordiv = getitem_1 // 2;  getitem_1 = None
    view = cat.view(getitem, 2, floordiv, getitem_2, getitem_3);  cat = floordiv = None
    transpose = torch.transpose(view, 1, 2);  view = None
    contiguous = transpose.contiguous();  transpose = None
    view_1 = contiguous.view(getitem, -1, getitem_2, getitem_3);  contiguous = getitem = getitem_2 = getitem_3 = None
    chunk = view_1.chunk(2, dim = 1);  view_1 = None
    getitem_4 = chunk[0]
    getitem_5 = chunk[1];  chunk = None
    stage2_1_branch2_0 = getattr(getattr(self.stage2, "1").branch2, "0")(getitem_5);  getitem_5 = None
    stage2_1_branch2_1 = getattr(getattr(self.stage2, "1").branch2, "1")(stage2_1_branch2_0);  stage2_1_branch2_0 = None
    stage2_1_branch2_2 = getattr(getattr(self.stage2, "1").branch2, "2")(stage2_1_branch2_1);  stage2_1_branch2_1 = None
    stage2_1_branch2_3 = getattr(getattr(self.stage2, "1").branch2, "3")(stage2_1_branch2_2);  stage2_1_branch2_2 = None
    stage2_1_branch2_4 = getattr(getattr(self.stage2, "1").branch2, "4")(stage2_1_branch2_3);  stage2_1_branch2_3 = None
    stage2_1_branch2_5 = getattr(getattr(self.stage2, "1").branch2, "5")(stage2_1_branch2_4);  stage2_1_branch2_4 = None
    stage2_1_branch2_6 = getattr(getattr(self.stage2, "1").branch2, "6")(stage2_1_branch2_5);  stage2_1_branch2_5 = None
    stage2_1_branch2_7 = getattr(getattr(self.stage2, "1").branch2, "7")(stage2_1_branch2_6);  stage2_1_branch2_6 = None
    cat_1 = torch.cat((getitem_4, stage2_1_branch2_7), dim = 1);  getitem_4 = stage2_1_branch2_7 = None
    size_1 = cat_1.size()
    getitem_6 = size_1[0]
    getitem_7 = size_1[1]
    getitem_8 = size_1[2]
    getitem_9 = size_1[3];  size_1 = None
    floordiv_1 = getitem_7 // 2;  getitem_7 = None
    view_2 = cat_1.view(getitem_6, 2, floordiv_1, getitem_8, getitem_9);  cat_1 = floordiv_1 = None
    transpose_1 = torch.transpose(view_2, 1, 2);  view_2 = None
    contiguous_1 = transpose_1.contiguous();  transpose_1 = None
    view_3 = contiguous_1.view(getitem_6, -1, getitem_8, getitem_9);  contiguous_1 = getitem_6 = getitem_8 = getitem_9 = None
    stage3_0_branch1_0 = getattr(getattr(self.stage3, "0").branch1, "0")(view_3)
    stage3_0_branch1_1 = getattr(getattr(self.stage3, "0").branch1, "1")(stage3_0_branch1_0);  stage3_0_branch1_0 = None
    stage3_0_branch1_2 = getattr(getattr(self.stage3, "0").branch1, "2")(stage3_0_branch1_1);  stage3_0_branch1_1 = None
    stage3_0_branch1_3 = getattr(getattr(self.stage3, "0").branch1, "3")(stage3_0_branch1_2);  stage3_0_branch1_2 = None
    stage3_0_branch1_4 = getattr(getattr(self.stage3, "0").branch1, "4")(stage3_0_branch1_3);  stage3_0_branch1_3 = None
    stage3_0_branch2_0 = getattr(getattr(self.stage3, "0").branch2, "0")(view_3);  view_3 = None
    stage3_0_branch2_1 = getattr(getattr(self.stage3, "0").branch2, "1")(stage3_0_branch2_0);  stage3_0_branch2_0 = None
    stage3_0_branch2_2 = getattr(getattr(self.stage3, "0").branch2, "2")(stage3_0_branch2_1);  stage3_0_branch2_1 = None
    stage3_0_branch2_3 = getattr(getattr(self.stage3, "0").branch2, "3")(stage3_0_branch2_2);  stage3_0_branch2_2 = None
    stage3_0_branch2_4 = getattr(getattr(self.stage3, "0").branch2, "4")(stage3_0_branch2_3);  stage3_0_branch2_3 = None
    stage3_0_branch2_5 = getattr(getattr(self.stage3, "0").branch2, "5")(stage3_0_branch2_4);  stage3_0_branch2_4 = None
    stage3_0_branch2_6 = getattr(getattr(self.stage3, "0").branch2, "6")(stage3_0_branch2_5);  stage3_0_branch2_5 = None
    stage3_0_branch2_7 = getattr(getattr(self.stage3, "0").branch2, "7")(stage3_0_branch2_6);  stage3_0_branch2_6 = None
    cat_2 = torch.cat((stage3_0_branch1_4, stage3_0_branch2_7), dim = 1);  stage3_0_branch1_4 = stage3_0_branch2_7 = None
    size_2 = cat_2.size()
    getitem_10 = size_2[0]
    getitem_11 = size_2[1]
    getitem_12 = size_2[2]
    getitem_13 = size_2[3];  size_2 = None
    floordiv_2 = getitem_11 // 2;  getitem_11 = None
    view_4 = cat_2.view(getitem_10, 2, floordiv_2, getitem_12, getitem_13);  cat_2 = floordiv_2 = None
    transpose_2 = torch.transpose(view_4, 1, 2);  view_4 = None
    contiguous_2 = transpose_2.contiguous();  transpose_2 = None
    view_5 = contiguous_2.view(getitem_10, -1, getitem_12, getitem_13);  contiguous_2 = getitem_10 = getitem_12 = getitem_13 = None
    chunk_1 = view_5.chunk(2, dim = 1);  view_5 = None
    getitem_14 = chunk_1[0]
    getitem_15 = chunk_1[1];  chunk_1 = None
    stage3_1_branch2_0 = getattr(getattr(self.stage3, "1").branch2, "0")(getitem_15);  getitem_15 = None
    stage3_1_branch2_1 = getattr(getattr(self.stage3, "1").branch2, "1")(stage3_1_branch2_0);  stage3_1_branch2_0 = None
    stage3_1_branch2_2 = getattr(getattr(self.stage3, "1").branch2, "2")(stage3_1_branch2_1);  stage3_1_branch2_1 = None
    stage3_1_branch2_3 = getattr(getattr(self.stage3, "1").branch2, "3")(stage3_1_branch2_2);  stage3_1_branch2_2 = None
    stage3_1_branch2_4 = getattr(getattr(self.stage3, "1").branch2, "4")(stage3_1_branch2_3);  stage3_1_branch2_3 = None
    stage3_1_branch2_5 = getattr(getattr(self.stage3, "1").branch2, "5")(stage3_1_branch2_4);  stage3_1_branch2_4 = None
    stage3_1_branch2_6 = getattr(getattr(self.stage3, "1").branch2, "6")(stage3_1_branch2_5);  stage3_1_branch2_5 = None
    stage3_1_branch2_7 = getattr(getattr(self.stage3, "1").branch2, "7")(stage3_1_branch2_6);  stage3_1_branch2_6 = None
    cat_3 = torch.cat((getitem_14, stage3_1_branch2_7), dim = 1);  getitem_14 = stage3_1_branch2_7 = None
    size_3 = cat_3.size()
    getitem_16 = size_3[0]
    getitem_17 = size_3[1]
    getitem_18 = size_3[2]
    getitem_19 = size_3[3];  size_3 = None
    floordiv_3 = getitem_17 // 2;  getitem_17 = None
    view_6 = cat_3.view(getitem_16, 2, floordiv_3, getitem_18, getitem_19);  cat_3 = floordiv_3 = None
    transpose_3 = torch.transpose(view_6, 1, 2);  view_6 = None
    contiguous_3 = transpose_3.contiguous();  transpose_3 = None
    view_7 = contiguous_3.view(getitem_16, -1, getitem_18, getitem_19);  contiguous_3 = getitem_16 = getitem_18 = getitem_19 = None
    conv5_0 = getattr(self.conv5, "0")(view_7);  view_7 = None
    conv5_1 = getattr(self.conv5, "1")(conv5_0);  conv5_0 = None
    conv5_2 = getattr(self.conv5, "2")(conv5_1);  conv5_1 = None
    mean = conv5_2.mean([2, 3]);  conv5_2 = None
    fc = self.fc(mean);  mean = None
    return fc
    
