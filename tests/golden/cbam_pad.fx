Net(
  (stem): Module(
    (pad): ZeroPad2d((0, 1, 0, 1))
    (conv): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2))
    (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
  (ca1): Module(
    (avg_pool): AdaptiveAvgPool2d(output_size=1)
    (fc): Module(
      (0): Conv2d(16, 4, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): ReLU()
      (2): Conv2d(4, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
    )
    (max_pool): AdaptiveMaxPool2d(output_size=1)
    (sigmoid): Sigmoid()
  )
  (block): Module(
    (pad): ZeroPad2d((0, 1, 0, 1))
    (conv): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2))
    (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
  (ca2): Module(
    (avg_pool): AdaptiveAvgPool2d(output_size=1)
    (fc): Module(
      (0): Conv2d(32, 8, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): ReLU()
      (2): Conv2d(8, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
    )
    (max_pool): AdaptiveMaxPool2d(output_size=1)
    (sigmoid): Sigmoid()
  )
  (border): ConstantPad2d(padding=(1, 1, 1, 1), value=0.0)
  (conv): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1))
  (fc): Linear(in_features=128, out_features=10, bias=True)
)



def forward(self, x):
    stem_pad = self.stem.pad(x);  x = None
    stem_conv = self.stem.conv(stem_pad);  stem_pad = None
    stem_bn = self.stem.bn(stem_conv);  stem_conv = None
    relu = torch.nn.functional.relu(stem_bn, inplace = False);  stem_bn = None
    ca1_avg_pool = self.ca1.avg_pool(relu)
    ca1_fc_0 = getattr(self.ca1.fc, "0")(ca1_avg_pool);  ca1_avg_pool = None
    ca1_fc_1 = getattr(self.ca1.fc, "1")(ca1_fc_0);  ca1_fc_0 = None
    ca1_fc_2 = getattr(self.ca1.fc, "2")(ca1_fc_1);  ca1_fc_1 = None
    ca1_max_pool = self.ca1.max_pool(relu)
    ca1_fc_3 = getattr(self.ca1.fc, "0")(ca1_max_pool);  ca1_max_pool = None
    ca1_fc_4 = getattr(self.ca1.fc, "1")(ca1_fc_3);  ca1_fc_3 = None
    ca1_fc_5 = getattr(self.ca1.fc, "2")(ca1_fc_4);  ca1_fc_4 = None
    add = ca1_fc_2 + ca1_fc_5;  ca1_fc_2 = ca1_fc_5 = None
    ca1_sigmoid = self.ca1.sigmoid(add);  add = None
    mul = ca1_sigmoid * relu;  ca1_sigmoid = relu = None
    block_pad = self.block.pad(mul);  mul = None
    block_conv = self.block.conv(block_pad);  block_pad = None
    block_bn = self.block.bn(block_conv);  block_conv = None
    relu_1 = torch.nn.functional.relu(block_bn, inplace = False);  block_bn = None
    ca2_avg_pool = self.ca2.avg_pool(relu_1)
    ca2_fc_0 = getattr(self.ca2.fc, "0")(ca2_avg_pool);  ca2_avg_pool = None
    ca2_fc_1 = getattr(self.ca2.fc, "1")(ca2_fc_0);  ca2_fc_0 = None
    ca2_fc_2 = getattr(self.ca2.fc, "2")(ca2_fc_1);  ca2_fc_1 = None
    ca2_max_pool = self.ca2.max_pool(relu_1)
    ca2_fc_3 = getattr(self.ca2.fc, "0")(ca2_max_pool);  ca2_max_pool = None
    ca2_fc_4 = getattr(self.ca2.fc, "1")(ca2_fc_3);  ca2_fc_3 = None
    ca2_fc_5 = getattr(self.ca2.fc, "2")(ca2_fc_4);  ca2_fc_4 = None
    add_1 = ca2_fc_2 + ca2_fc_5;  ca2_fc_2 = ca2_fc_5 = None
    ca2_sigmoid = self.ca2.sigmoid(add_1);  add_1 = None
    mul_1 = relu_1 * ca2_sigmoid;  relu_1 = ca2_sigmoid = None
    border = self.border(mul_1);  mul_1 = None
    conv = self.conv(border);  border = None
    pad = torch.nn.functional.pad(conv, (1, 1, 1, 1));  conv = None
    adaptive_max_pool2d = torch.nn.functional.adaptive_max_pool2d(pad, (2, 2), return_indices = False)
    adaptive_avg_pool2d = torch.nn.functional.adaptive_avg_pool2d(pad, 2);  pad = None
    add_2 = adaptive_max_pool2d + adaptive_avg_pool2d;  adaptive_max_pool2d = adaptive_avg_pool2d = None
    flatten = torch.flatten(add_2, 1);  add_2 = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
