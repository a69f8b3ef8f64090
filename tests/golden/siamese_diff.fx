ChangeNet(
  (encoder): Module(
    (stage1): Module(
      (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
    (stage2): Module(
      (0): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
  )
  (fuse): Conv2d(32, 16, kernel_size=(1, 1), stride=(1, 1))
  (head): Conv2d(16, 2, kernel_size=(1, 1), stride=(1, 1))
)



def forward(self, x):
    split = torch.functional.split(x, 3, dim = 1);  x = None
    getitem = split[0]
    getitem_1 = split[1];  split = None
    encoder_stage1_0 = getattr(self.encoder.stage1, "0")(getitem);  getitem = None
    encoder_stage1_1 = getattr(self.encoder.stage1, "1")(encoder_stage1_0);  encoder_stage1_0 = None
    encoder_stage1_2 = getattr(self.encoder.stage1, "2")(encoder_stage1_1);  encoder_stage1_1 = None
    encoder_stage2_0 = getattr(self.encoder.stage2, "0")(encoder_stage1_2)
    encoder_stage2_1 = getattr(self.encoder.stage2, "1")(encoder_stage2_0);  encoder_stage2_0 = None
    encoder_stage2_2 = getattr(self.encoder.stage2, "2")(encoder_stage2_1);  encoder_stage2_1 = None
    encoder_stage1_3 = getattr(self.encoder.stage1, "0")(getitem_1);  getitem_1 = None
    encoder_stage1_4 = getattr(self.encoder.stage1, "1")(encoder_stage1_3);  encoder_stage1_3 = None
    encoder_stage1_5 = getattr(self.encoder.stage1, "2")(encoder_stage1_4);  encoder_stage1_4 = None
    encoder_stage2_3 = getattr(self.encoder.stage2, "0")(encoder_stage1_5)
    encoder_stage2_4 = getattr(self.encoder.stage2, "1")(encoder_stage2_3);  encoder_stage2_3 = None
    encoder_stage2_5 = getattr(self.encoder.stage2, "2")(encoder_stage2_4);  encoder_stage2_4 = None
    sub = encoder_stage2_2 - encoder_stage2_5;  encoder_stage2_2 = encoder_stage2_5 = None
    abs_1 = torch.abs(sub);  sub = None
    fuse = self.fuse(abs_1);  abs_1 = None
    relu = torch.nn.functional.relu(fuse, inplace = False);  fuse = None
    interpolate = torch.nn.functional.interpolate(relu, size = None, scale_factor = 2, mode = 'nearest', align_corners = None, recompute_scale_factor = None, antialias = False);  relu = None
    sub_1 = torch.sub(encoder_stage1_5, encoder_stage1_2);  encoder_stage1_5 = encoder_stage1_2 = None
    relu_1 = sub_1.relu();  sub_1 = None
    mean = relu_1.mean((2, 3), keepdim = True)
    sub_2 = relu_1 - mean;  relu_1 = mean = None
    sub_3 = interpolate.sub(sub_2);  interpolate = sub_2 = None
    head = self.head(sub_3);  sub_3 = None
    return head
    
