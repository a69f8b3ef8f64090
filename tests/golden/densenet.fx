DenseNet(
  (conv1): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
  (dense1): Module(
    (0): Module(
      (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv1): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn2): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(32, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    )
    (1): Module(
      (bn1): BatchNorm2d(24, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv1): Conv2d(24, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn2): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(32, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    )
  )
  (trans1): Module(
    (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (conv): Conv2d(32, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
  )
  (dense2): Module(
    (0): Module(
      (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv1): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn2): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(32, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    )
    (1): Module(
      (bn1): BatchNorm2d(24, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv1): Conv2d(24, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (bn2): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (conv2): Conv2d(32, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    )
  )
  (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (linear): Linear(in_features=32, out_features=10, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    dense1_0_bn1 = getattr(self.dense1, "0").bn1(conv1)
    relu = torch.nn.functional.relu(dense1_0_bn1, inplace = False);  dense1_0_bn1 = None
    dense1_0_conv1 = getattr(self.dense1, "0").conv1(relu);  relu = None
    dense1_0_bn2 = getattr(self.dense1, "0").bn2(dense1_0_conv1);  dense1_0_conv1 = None
    relu_1 = torch.nn.functional.relu(dense1_0_bn2, inplace = False);  dense1_0_bn2 = None
    dense1_0_conv2 = getattr(self.dense1, "0").conv2(relu_1);  relu_1 = None
    cat = torch.cat([dense1_0_conv2, conv1], 1);  dense1_0_conv2 = conv1 = None
    dense1_1_bn1 = getattr(self.dense1, "1").bn1(cat)
    relu_2 = torch.nn.functional.relu(dense1_1_bn1, inplace = False);  dense1_1_bn1 = None
    dense1_1_conv1 = getattr(self.dense1, "1").conv1(relu_2);  relu_2 = None
    dense1_1_bn2 = getattr(self.dense1, "1").bn2(dense1_1_conv1);  dense1_1_conv1 = None
    relu_3 = torch.nn.functional.relu(dense1_1_bn2, inplace = False);  dense1_1_bn2 = None
    dense1_1_conv2 = getattr(self.dense1, "1").conv2(relu_3);  relu_3 = None
    cat_1 = torch.cat([dense1_1_conv2, cat], 1);  dense1_1_conv2 = cat = None
    trans1_bn = self.trans1.bn(cat_1);  cat_1 = None
    relu_4 = torch.nn.functional.relu(trans1_bn, inplace = False);  trans1_bn = None
    trans1_conv = self.trans1.conv(relu_4);  relu_4 = None
    avg_pool2d = torch._C._nn.avg_pool2d(trans1_conv, 2);  trans1_conv = None
    dense2_0_bn1 = getattr(self.dense2, "0").bn1(avg_pool2d)
    relu_5 = torch.nn.functional.relu(dense2_0_bn1, inplace = False);  dense2_0_bn1 = None
    dense2_0_conv1 = getattr(self.dense2, "0").conv1(relu_5);  relu_5 = None
    dense2_0_bn2 = getattr(self.dense2, "0").bn2(dense2_0_conv1);  dense2_0_conv1 = None
    relu_6 = torch.nn.functional.relu(dense2_0_bn2, inplace = False);  dense2_0_bn2 = None
    dense2_0_conv2 = getattr(self.dense2, "0").conv2(relu_6);  relu_6 = None
    cat_2 = torch.cat([dense2_0_conv2, avg_pool2d], 1);  dense2_0_conv2 = avg_pool2d = None
    dense2_1_bn1 = getattr(self.dense2, "1").bn1(cat_2)
    relu_7 = torch.nn.functional.relu(dense2_1_bn1, inplace = False);  dense2_1_bn1 = None
    dense2_1_conv1 = getattr(self.dense2, "1").conv1(relu_7);  relu_7 = None
    dense2_1_bn2 = getattr(self.dense2, "1").bn2(dense2_1_conv1);  dense2_1_conv1 = None
    relu_8 = torch.nn.functional.relu(dense2_1_bn2, inplace = False);  dense2_1_bn2 = None
    dense2_1_conv2 = getattr(self.dense2, "1").conv2(relu_8);  relu_8 = None
    cat_3 = torch.cat([dense2_1_conv2, cat_2], 1);  dense2_1_conv2 = cat_2 = None
    bn = self.bn(cat_3);  cat_3 = None
    relu_9 = torch.nn.functional.relu(bn, inplace = False);  bn = None
    adaptive_avg_pool2d = torch.nn.functional.adaptive_avg_pool2d(relu_9, (1, 1));  relu_9 = None
    flatten = torch.flatten(adaptive_avg_pool2d, 1);  adaptive_avg_pool2d = None
    linear = self.linear(flatten);  flatten = None
    return linear
    
